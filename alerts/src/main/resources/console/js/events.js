// The live event stream, /api/events, read with fetch and a ReadableStream: EventSource cannot send the
// Authorization header. After a drop it reconnects with Last-Event-ID, and the service replays what was missed.
const MAX_BACKOFF_MS = 15000;

export class LiveEvents {
  #token;
  #listeners = new Set();
  #stateListeners = new Set();
  #lastEventId = null;
  #abort = null;
  #stopped = false;
  state = 'connecting';

  constructor(token) {
    this.#token = token;
  }

  /** Calls listener(kind, data) for every event ('lead' or 'alert'); returns the function that stops it. */
  on(listener) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Calls listener(state) on 'connecting' | 'live' | 'reconnecting' | 'refused'. */
  onState(listener) {
    this.#stateListeners.add(listener);
    listener(this.state);
    return () => this.#stateListeners.delete(listener);
  }

  start() {
    this.#run();
    return this;
  }

  stop() {
    this.#stopped = true;
    this.#abort?.abort();
  }

  #setState(state) {
    this.state = state;
    this.#stateListeners.forEach(listener => listener(state));
  }

  async #run() {
    let backoff = 1000;
    while (!this.#stopped) {
      this.#abort = new AbortController();
      try {
        const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${this.#token}` };
        if (this.#lastEventId != null) headers['Last-Event-ID'] = this.#lastEventId;
        const response = await fetch('/api/events', { headers, signal: this.#abort.signal, cache: 'no-store' });
        if (response.status === 401 || response.status === 403) {
          this.#setState('refused');
          return;
        }
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        this.#setState('live');
        backoff = 1000;
        await this.#read(response.body);
      } catch (error) {
        if (this.#stopped) return;
      }
      this.#setState('reconnecting');
      await new Promise(resolve => setTimeout(resolve, backoff));
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  }

  /** The text/event-stream format: fields up to a blank line make one event; lines starting with ':' are comments. */
  async #read(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let event = { id: null, kind: 'message', data: [] };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = lines.pop();
      for (const line of lines) {
        if (line === '') {
          if (event.id != null) this.#lastEventId = event.id;
          if (event.data.length) this.#dispatch(event.kind, event.data.join('\n'));
          event = { id: null, kind: 'message', data: [] };
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') event.id = text;
        else if (field === 'event') event.kind = text;
        else if (field === 'data') event.data.push(text);
      }
    }
  }

  #dispatch(kind, text) {
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      console.warn('an event that is not JSON was ignored', kind);
      return;
    }
    this.#listeners.forEach(listener => {
      try {
        listener(kind, data);
      } catch (error) {
        console.error('a live-event listener failed', error);
      }
    });
  }
}
