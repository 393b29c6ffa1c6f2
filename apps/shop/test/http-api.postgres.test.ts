import { afterAll } from 'vitest';
import type { BuildAppOptions } from '../src/build-app';
import { startShop } from './support/shop-client';
import { describeShopHttpApi } from './support/shop-http-api-suite';
import { dropSchema, TEST_DATABASE_URL, testPool, uniqueSchemaName } from './support/test-database';

const admin = testPool();
const schemas: string[] = [];

afterAll(async () => {
  for (const schema of schemas) await dropSchema(admin, schema);
  await admin.end();
});

describeShopHttpApi({
  storeKind: 'postgres',
  start: (options: BuildAppOptions = {}) => {
    const schema = uniqueSchemaName('http');
    schemas.push(schema);
    return startShop({ ...options, store: 'postgres', databaseUrl: TEST_DATABASE_URL, schema });
  },
});
