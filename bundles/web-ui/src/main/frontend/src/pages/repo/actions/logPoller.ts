import { apiResponse } from '../../../lib/api';

export interface LogSliceJson {
  text: string;
  /** The offset to ask for next (X-Codara-Log-Offset). */
  next: number;
  /** Whether the job has ended (X-Codara-Log-Complete): no more text will come after what is left. */
  complete: boolean;
}

/** One slice of a job's (or one step's) log from `offset`. */
export async function fetchLogSlice(path: string, offset: number, signal?: AbortSignal): Promise<LogSliceJson> {
  const separator = path.includes('?') ? '&' : '?';
  const response = await apiResponse<string>(`${path}${separator}offset=${offset}`, { accept: 'text/plain', signal });
  const next = Number(response.headers.get('X-Codara-Log-Offset'));
  return {
    text: typeof response.data === 'string' ? response.data : '',
    next: Number.isFinite(next) && next >= offset ? next : offset,
    complete: response.headers.get('X-Codara-Log-Complete') === 'true',
  };
}

export interface LogPollerOptions {
  /** API path of the log, e.g. /repos/o/r/actions/jobs/7/logs?step=2. */
  path: string;
  /** New text, in order. */
  onText(text: string): void;
  /** Called once when the whole log has been read. */
  onComplete?(): void;
  onError?(error: unknown): void;
  /** Milliseconds between two asks while the job runs. */
  interval?: number;
}

/**
 * Follows a log: asks from offset 0, then from each answer's next offset every `interval` ms while the job runs.
 * Once the server says the job is complete, it reads on at once until an answer brings nothing new, then stops.
 * Returns the function that stops it (and aborts a request in flight).
 */
export function pollLog(options: LogPollerOptions): () => void {
  const interval = options.interval ?? 1000;
  const controller = new AbortController();
  let offset = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const step = async () => {
    timer = undefined;
    try {
      const slice = await fetchLogSlice(options.path, offset, controller.signal);
      if (stopped) return;
      const moved = slice.next > offset;
      if (slice.text) options.onText(slice.text);
      offset = slice.next;
      if (slice.complete && (!slice.text || !moved)) {
        stopped = true;
        options.onComplete?.();
        return;
      }
      timer = setTimeout(step, slice.complete ? 0 : interval);
    } catch (error) {
      if (stopped || (error as Error).name === 'AbortError') return;
      stopped = true;
      options.onError?.(error);
    }
  };
  void step();
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    controller.abort();
  };
}
