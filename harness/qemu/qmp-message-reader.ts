import type net from 'node:net';
import { LineSplitter } from './line-splitter.js';

/** The JSON messages of a QMP socket, in order: the first ones by `next()`, the rest by a handler. */
export interface QmpMessageReader {
  /** The next message, before a handler is attached (the greeting); rejects at the end. */
  next(): Promise<unknown>;
  /** Hands every further message (and the queued ones) to `onMessage`, and the end to `onEnd`. */
  attach(onMessage: (message: unknown) => void, onEnd: (error: Error) => void): void;
}

// QMP replies are small (query-pci of a full bus is ~20 KB); anything larger is a broken peer.
const MAX_LINE_BYTES = 4 * 1024 * 1024;

/** Reads a QMP socket as newline-delimited JSON with the bounded line reader the serial logs use. */
export function readQmpMessages(socket: net.Socket): QmpMessageReader {
  const queue: unknown[] = [];
  const waiters: Array<{ resolve: (value: unknown) => void; reject: (error: Error) => void }> = [];
  let ended: Error | undefined;
  let onMessage: ((message: unknown) => void) | undefined;
  let onEnd: ((error: Error) => void) | undefined;
  const deliver = (message: unknown): void => {
    const waiter = waiters.shift();
    if (waiter) waiter.resolve(message);
    else if (onMessage) onMessage(message);
    else queue.push(message);
  };
  const tooLong = (): void => { socket.destroy(new Error(`a QMP message exceeded ${MAX_LINE_BYTES} bytes`)); };
  const lines = new LineSplitter(MAX_LINE_BYTES, (text, truncated) => {
    if (truncated) return tooLong();
    const line = text.trim();
    if (line === '') return;
    try {
      deliver(JSON.parse(line));
    } catch {
      // QMP only sends JSON; a broken line is dropped rather than trusted.
    }
  });
  socket.on('data', (chunk: Buffer) => {
    lines.push(chunk);
    if (lines.overflowing) tooLong();
  });
  const end = (error?: Error): void => {
    if (ended) return;
    ended = error ?? new Error('the QMP socket closed');
    for (const waiter of waiters.splice(0)) waiter.reject(ended);
    onEnd?.(ended);
  };
  socket.on('error', (error) => end(error));
  socket.on('close', () => end());
  return {
    next() {
      if (queue.length > 0) return Promise.resolve(queue.shift());
      if (ended) return Promise.reject(ended);
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },
    attach(messageHandler, endHandler) {
      onMessage = messageHandler;
      onEnd = endHandler;
      for (const message of queue.splice(0)) messageHandler(message);
      if (ended) endHandler(ended);
    },
  };
}
