import { describe } from 'vitest';
import { runStoreContract } from '../testing/store-contract.js';
import { testEngines } from '../testing/index.js';

describe.skipIf(!testEngines().includes('sqlite'))('SQLite store (deselected by SCIMSYNC_TEST_DB)', () => {
  runStoreContract('sqlite');
});
