import type { Message } from '@orchestrix/core';
import { formatMessageLine } from './format-message-line';

/**
 * Writes the demo's account of what happens, line by line: sections, steps, and indented details.
 *
 * @example
 * const report = new Report((line) => process.stdout.write(`${line}\n`));
 * report.section('E-commerce');
 */
export class Report {
  readonly #write: (line: string) => void;
  #sectionCount = 0;
  #stepCount = 0;

  constructor(write: (line: string) => void) {
    this.#write = write;
  }

  /** Writes a line as it is. */
  line(text = ''): void {
    this.#write(text);
  }

  /** Starts a numbered section: `== 1. title ==` under a blank line. */
  section(title: string): void {
    this.#sectionCount += 1;
    this.#stepCount = 0;
    const heading = `== ${this.#sectionCount}. ${title} ==`;
    this.#write('');
    this.#write(heading);
  }

  /** Starts a numbered step of the current section: `-- 1.2 title`. */
  step(title: string): void {
    this.#stepCount += 1;
    this.#write('');
    this.#write(`-- ${this.#sectionCount}.${this.#stepCount} ${title}`);
  }

  /** Writes an indented detail line. */
  detail(text: string): void {
    this.#write(`  ${text}`);
  }

  /** Writes a message's line (see {@link formatMessageLine}). */
  message(message: Message): void {
    this.#write(formatMessageLine(message));
  }
}
