import { ValidationError } from '@orchestrix/core';
import { describe, expect, it } from 'vitest';
import { readShopConfig } from '../src/shop-config';

describe('readShopConfig', () => {
  it('runs in memory on port 3000 with no variables set', () => {
    expect(readShopConfig({})).toEqual({
      options: { store: 'memory', databaseUrl: 'postgres://postgres@127.0.0.1:5432/test', schema: 'shop' },
      port: 3000,
    });
  });

  it('reads the store, the database, the schema and the port', () => {
    const config = readShopConfig({
      ORCHESTRIX_STORE: 'postgres',
      DATABASE_URL: 'postgres://shop@db:5432/shop',
      SHOP_SCHEMA: 'shop_eu',
      PORT: '8080',
    });

    expect(config).toEqual({
      options: { store: 'postgres', databaseUrl: 'postgres://shop@db:5432/shop', schema: 'shop_eu' },
      port: 8080,
    });
  });

  it.each([
    [{ ORCHESTRIX_STORE: 'mongo' }, 'ORCHESTRIX_STORE'],
    [{ PORT: 'http' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
  ])('refuses %o, naming the variable', (env, field) => {
    let thrown: unknown;

    try {
      readShopConfig(env);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(ValidationError);
    expect(thrown).toMatchObject({ code: 'VALIDATION', field });
  });
});
