/** A promise a test opens when it chooses: steps wait on `opened` until `open()` is called. */
export class Gate {
  readonly opened: Promise<void>;
  #open: () => void = () => undefined;

  constructor() {
    this.opened = new Promise<void>((resolve) => {
      this.#open = resolve;
    });
  }

  /** Lets everything waiting on `opened` go on. */
  open(): void {
    this.#open();
  }
}
