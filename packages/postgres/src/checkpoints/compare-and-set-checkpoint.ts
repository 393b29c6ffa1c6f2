import { ConcurrencyError } from '@orchestrix/core';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../internal/database';

/** The stored position of `name`, `0n` when none; read as text so no type parser can round it. */
export async function loadCheckpoint(db: Kysely<Database>, name: string): Promise<bigint> {
  const row = await db
    .selectFrom('checkpoints')
    .select(sql<string>`position::text`.as('position'))
    .where('name', '=', name)
    .executeTakeFirst();
  return row === undefined ? 0n : BigInt(row.position);
}

/**
 * Moves `name` from `expected` to `position` in one statement, or throws. For `expected` 0n it inserts
 * the row, or updates one still at 0 (a lease alone creates the row at 0); otherwise it updates the row
 * only where it is still at `expected`. Concurrent writers queue on the row lock and re-check the
 * condition, so exactly one of them wins.
 *
 * @throws {@link ConcurrencyError} naming the position read after the refusal.
 */
export async function compareAndSetCheckpoint(
  db: Kysely<Database>,
  name: string,
  position: bigint,
  expected: bigint,
): Promise<void> {
  const stored =
    expected === 0n
      ? await db
          .insertInto('checkpoints')
          .values({ name, position: position.toString() })
          .onConflict((conflict) =>
            conflict
              .column('name')
              .doUpdateSet({ position: position.toString() })
              .where('checkpoints.position', '=', '0'),
          )
          .returning('name')
          .executeTakeFirst()
      : await db
          .updateTable('checkpoints')
          .set({ position: position.toString() })
          .where('name', '=', name)
          .where('position', '=', expected.toString())
          .returning('name')
          .executeTakeFirst();
  if (stored === undefined) {
    throw new ConcurrencyError(name, expected, await loadCheckpoint(db, name), { subject: 'checkpoint' });
  }
}
