import { Worker } from 'node:worker_threads';
import { errorMessage } from '../../core/briefing/briefing-problem.js';
import { type FileResult, fileProblem } from './file-result.js';
import type { ParseReply, ParseRequest } from './parse-protocol.js';
import { readBriefingFile } from './read-briefing-file.js';

export interface ParseThreadOptions {
  /**
   * A file that takes longer is given up on and its thread replaced. The slowest 2 MB front
   * matters measured (180,000 keys, 230,000 list items) took 11-18 s on a busy 2-core machine.
   */
  timeoutMs?: number;
  /** An idle thread is stopped after this long; the next large file starts a new one (0.5-2 s under tsx). */
  idleMs?: number;
  /** Heap limit of the thread, so one hostile file cannot take the process's memory. */
  maxHeapMb?: number;
  /** The worker's entry file; tests swap in one that hangs or crashes on cue. */
  workerUrl?: URL;
}

interface Job {
  readonly request: ParseRequest;
  readonly resolve: (result: FileResult) => void;
}

/**
 * Parses briefing files on a worker thread, one at a time, so a large file never blocks the main
 * thread: it only receives the finished, structured-cloned result. The thread starts on first use,
 * does not keep the process alive while idle, and is replaced if it crashes or a file times out;
 * that file gets a problem and the queue goes on. If the thread cannot start at all, files are
 * parsed on the calling thread instead: slower to answer meanwhile, but still loaded.
 */
export class BriefingParseThread {
  private readonly timeoutMs: number;
  private readonly idleMs: number;
  private readonly maxHeapMb: number;
  private readonly workerUrl: URL;
  private readonly queue: Job[] = [];
  private worker: Worker | undefined;
  private ready = false;
  private current: (Job & { timer: NodeJS.Timeout }) | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private nextId = 1;
  private started = 0;
  /** Why the thread could not start, once it has failed to; from then on files parse in-process. */
  private unavailable: string | undefined;

  constructor(options: ParseThreadOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.idleMs = options.idleMs ?? 10_000;
    this.maxHeapMb = options.maxHeapMb ?? 1024;
    // Under tsx the sources are .ts files, which a worker cannot load without the loader.
    this.workerUrl = options.workerUrl ?? new URL(import.meta.url.endsWith('.ts') ? './parse-worker-tsx.mjs' : './parse-worker.js', import.meta.url);
  }

  /** How many worker threads this has started: 1 for a healthy run, more after crashes and timeouts. */
  get threadsStarted(): number {
    return this.started;
  }

  parse(path: string, file: string, maxBytes: number): Promise<FileResult> {
    if (this.unavailable !== undefined) return readBriefingFile(path, file, maxBytes);
    return new Promise((resolve) => {
      this.queue.push({ request: { id: this.nextId++, path, file, maxBytes }, resolve });
      this.pump();
    });
  }

  /** Stops the thread; files still queued are parsed in-process so that no caller waits forever. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.detach();
    await worker?.terminate();
  }

  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    const worker = this.start();
    clearTimeout(this.idleTimer);
    worker.ref();
    // Nothing is sent before the thread says it is ready: a failure before then means it cannot
    // start (parse here instead), a failure after means the file broke it (that file fails). The
    // clock also starts only then, since starting takes a second or more on a busy machine.
    if (!this.ready) return;
    const job = this.queue.shift() as Job;
    const timer = setTimeout(() => this.timedOut(worker), this.timeoutMs);
    timer.unref();
    this.current = { ...job, timer };
    worker.postMessage(job.request);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerUrl, { resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb } });
    this.worker = worker;
    this.started++;
    this.ready = false;
    const startup = setTimeout(() => this.failed(worker, `did not start within ${this.timeoutMs / 1000} s`), this.timeoutMs);
    startup.unref();
    worker.once('message', () => clearTimeout(startup));
    worker.once('exit', () => clearTimeout(startup));
    worker.on('message', (reply: ParseReply) => this.received(worker, reply));
    worker.on('error', (error) => this.failed(worker, errorMessage(error)));
    worker.on('exit', (code) => this.failed(worker, `exited with code ${code}`));
    return worker;
  }

  private received(worker: Worker, reply: ParseReply): void {
    if (worker !== this.worker) return;
    if (reply.type === 'ready') {
      this.ready = true;
      this.pump();
      return;
    }
    const current = this.current;
    if (!current || current.request.id !== reply.id) return;
    this.finish(reply.result);
  }

  private finish(result: FileResult): void {
    const current = this.current;
    if (!current) return;
    clearTimeout(current.timer);
    this.current = undefined;
    current.resolve(result);
    if (this.queue.length > 0) {
      this.pump();
      return;
    }
    // Idle: let the process exit, and free the thread's memory after a while.
    this.worker?.unref();
    this.idleTimer = setTimeout(() => void this.close(), this.idleMs);
    this.idleTimer.unref();
  }

  private timedOut(worker: Worker): void {
    if (worker !== this.worker) return;
    const file = this.current?.request.file ?? '';
    this.replace(worker);
    this.finish(fileProblem(file, `could not be parsed: gave up after ${this.timeoutMs / 1000} s`));
  }

  private failed(worker: Worker, reason: string): void {
    if (worker !== this.worker) return;
    if (!this.ready) {
      // The thread never started (a missing entry file, no tsx): parse in-process from now on.
      this.unavailable = reason;
      process.emitWarning(`briefing parser thread could not start (${reason}); parsing on the main thread`);
      this.replace(worker);
      this.drainInProcess();
      return;
    }
    const current = this.current;
    this.replace(worker);
    if (current) this.finish(fileProblem(current.request.file, `could not be parsed: the parser thread stopped (${reason})`));
  }

  /** Forgets `worker` (terminating it if it still runs) so that the next job starts a fresh one. */
  private replace(worker: Worker): void {
    if (worker === this.worker) this.worker = undefined;
    void worker.terminate();
  }

  private detach(): void {
    clearTimeout(this.idleTimer);
    this.worker = undefined;
    if (this.current) {
      clearTimeout(this.current.timer);
      this.queue.unshift(this.current);
      this.current = undefined;
    }
    this.drainInProcess();
  }

  private drainInProcess(): void {
    for (const job of this.queue.splice(0)) {
      void readBriefingFile(job.request.path, job.request.file, job.request.maxBytes).then(job.resolve);
    }
  }
}

let shared: BriefingParseThread | undefined;

/** The thread every load and hot reload uses unless given another. */
export function sharedParseThread(): BriefingParseThread {
  shared ??= new BriefingParseThread();
  return shared;
}
