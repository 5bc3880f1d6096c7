/** What an arrival run starts and stops around its arrivals: the event-loop delay sampler. */
export interface ArrivalProbe {
  start(): void;
  stop(): void;
}

/**
 * Hands tasks arriving on a schedule to `lanes` executors (workers, or main-thread lanes), one
 * task per lane at a time, first come first served: a task that arrives while every lane is busy
 * waits in the hub's queue. Free lanes are used in turn (the one free longest first), so at a low
 * rate every worker still gets tasks, as a pool that rotates would. A task's arrival is when it
 * was due (`t0` + its offset), not when the timer fired: a blocked loop delays the timer, not the
 * request. Times are `performance.now()` of the hub.
 */
export class ArrivalDriver {
  readonly arrived: Float64Array;
  readonly dispatched: Float64Array;
  readonly received: Float64Array;
  /** Most tasks waiting at once, counted from the first measured arrival (`from`). */
  maxQueued = 0;
  readonly done: Promise<void>;
  private resolve: () => void = () => {};
  private readonly queue: number[] = [];
  private head = 0;
  private readonly free: number[];
  private next = 0;
  private answers = 0;
  private t0 = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly schedule: Float64Array,
    lanes: number,
    private readonly start: (id: number, lane: number) => void,
    /** The first measured task: warm-up arrivals before it do not count in `maxQueued`. */
    private readonly from = 0,
  ) {
    const n = schedule.length;
    this.arrived = new Float64Array(n).fill(Number.NaN);
    this.dispatched = new Float64Array(n).fill(Number.NaN);
    this.received = new Float64Array(n).fill(Number.NaN);
    this.free = Array.from({ length: lanes }, (_, i) => i);
    this.done = new Promise<void>((resolve) => {
      this.resolve = resolve;
    });
    if (n === 0) this.resolve();
  }

  /** The first task arrives now. */
  begin(): void {
    this.t0 = performance.now();
    this.release();
  }

  /** Task `id` was answered, and its lane is free. */
  answered(id: number, lane: number): void {
    this.received[id] = performance.now();
    this.freed(lane);
    if (++this.answers === this.schedule.length) this.resolve();
  }

  /** Lane `lane` is free: it takes the task waiting longest, if any. */
  freed(lane: number): void {
    if (this.head < this.queue.length) this.hand(this.queue[this.head++] as number, lane);
    else this.free.push(lane);
  }

  /** No more arrivals (the run ended or failed). */
  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private hand(id: number, lane: number): void {
    this.dispatched[id] = performance.now();
    this.start(id, lane);
  }

  private readonly release = (): void => {
    this.timer = undefined;
    const now = performance.now();
    const n = this.schedule.length;
    while (this.next < n && this.t0 + (this.schedule[this.next] as number) <= now) {
      const id = this.next++;
      this.arrived[id] = this.t0 + (this.schedule[id] as number);
      const lane = this.free.shift();
      if (lane !== undefined) this.hand(id, lane);
      else {
        this.queue.push(id);
        if (id >= this.from) this.maxQueued = Math.max(this.maxQueued, this.queue.length - this.head);
      }
    }
    if (this.next < n) {
      // A timer may fire a little early against performance.now(): then this re-arms for the rest.
      const wait = this.t0 + (this.schedule[this.next] as number) - now;
      this.timer = setTimeout(this.release, Math.max(0, wait));
    }
  };
}
