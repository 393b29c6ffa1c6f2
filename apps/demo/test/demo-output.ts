import type { DemoSummary } from '../src/demo-summary';
import { SUMMARY_PREFIX } from '../src/demo-summary';

/** A printed `event` line: a stored event as the demo reported it (ids shortened). */
export interface EventLine {
  readonly step: string;
  readonly type: string;
  readonly streamId: string;
  readonly version: number;
  readonly position: number;
  readonly id: string;
  readonly correlationId: string;
  readonly causationId: string;
}

/** A printed `command` line (ids shortened). */
export interface CommandLine {
  readonly step: string;
  readonly type: string;
  readonly target: string;
  readonly id: string;
  readonly correlationId: string;
  readonly causationId: string;
}

/** The demo's output, split into what a test checks. */
export interface DemoOutput {
  readonly lines: readonly string[];
  readonly events: readonly EventLine[];
  readonly commands: readonly CommandLine[];
  /** Every command and event line of a step, in printed order, keyed by the step's number (`1.1`). */
  readonly messagesByStep: ReadonlyMap<string, readonly (EventLine | CommandLine)[]>;
  readonly summary: DemoSummary;
}

const STEP = /^-- (\d+\.\d+) /;
const EVENT = /^ {2}event {3}(\S+)\s+(\S+)\s+v(\d+)\s+@(\d+)\s+id=(\S+) corr=(\S+) cause=(\S+)$/;
const COMMAND = /^ {2}command (\S+)\s+(\S+)\s+id=(\S+) corr=(\S+) cause=(\S+)$/;

/**
 * Parses the demo's output: its event and command lines, grouped by step, and its `DEMO-SUMMARY` line.
 *
 * @throws when the output has no summary line.
 */
export function parseDemoOutput(output: string): DemoOutput {
  const lines = output.split('\n');
  const events: EventLine[] = [];
  const commands: CommandLine[] = [];
  const messagesByStep = new Map<string, (EventLine | CommandLine)[]>();
  let step = '';
  let summary: DemoSummary | undefined;
  for (const line of lines) {
    const stepMatch = STEP.exec(line);
    if (stepMatch?.[1] !== undefined) step = stepMatch[1];
    const eventMatch = EVENT.exec(line);
    const commandMatch = COMMAND.exec(line);
    if (eventMatch !== null) {
      const [, type = '', streamId = '', version = '', position = '', id = '', correlationId = '', causationId = ''] =
        eventMatch;
      const event = {
        step,
        type,
        streamId,
        version: Number(version),
        position: Number(position),
        id,
        correlationId,
        causationId,
      };
      events.push(event);
      messagesByStep.set(step, [...(messagesByStep.get(step) ?? []), event]);
    } else if (commandMatch !== null) {
      const [, type = '', target = '', id = '', correlationId = '', causationId = ''] = commandMatch;
      const command = { step, type, target, id, correlationId, causationId };
      commands.push(command);
      messagesByStep.set(step, [...(messagesByStep.get(step) ?? []), command]);
    }
    if (line.startsWith(SUMMARY_PREFIX)) summary = JSON.parse(line.slice(SUMMARY_PREFIX.length)) as DemoSummary;
  }
  if (summary === undefined) throw new Error(`The demo printed no ${SUMMARY_PREFIX.trim()} line:\n${output}`);
  return { lines, events, commands, messagesByStep, summary };
}
