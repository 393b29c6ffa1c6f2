import { InMemorySagaStateStore } from '@orchestrix/memory';
import { describeSagaRecovery } from './support/recovery-suite';
import { describeSagaResume } from './support/resume-suite';
import type { SagaStoreHarness } from './support/saga-store-harness';

const harness: SagaStoreHarness = { create: async (clock) => new InMemorySagaStateStore({ clock }) };

describeSagaResume('InMemorySagaStateStore', harness);
describeSagaRecovery('InMemorySagaStateStore', harness);
