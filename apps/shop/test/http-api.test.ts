import { startShop } from './support/shop-client';
import { describeShopHttpApi } from './support/shop-http-api-suite';

describeShopHttpApi({ storeKind: 'memory', start: (options) => startShop(options) });
