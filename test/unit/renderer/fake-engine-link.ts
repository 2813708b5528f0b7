// An engine link for the media tests, with mediasoup-client's own fake WebRTC handler standing in
// for the browser: it checks every request's params as the real engine would, records it, and
// answers what the test's subclass says.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Device } from 'mediasoup-client';
import { FakeHandler } from 'mediasoup-client/lib/handlers/FakeHandler.js';
import * as fakeParameters from 'mediasoup-client/lib/test/fakeParameters.js';
import type { MethodName, MethodParams, MethodResult } from '../../../common/protocol/methods.js';
import { methods } from '../../../common/protocol/methods.js';
import { TypedEmitter } from '../../../common/typed-emitter.js';
import type { EngineClientEvents, EngineLink } from '../../../renderer/browser/engine-client.js';

export abstract class FakeEngineLink implements EngineLink {
  connected = true;
  readonly calls: Array<{ method: MethodName; params: unknown }> = [];
  readonly emitter = new TypedEmitter<EngineClientEvents>();

  /** The answer to one request (its params already checked). */
  protected abstract answer(method: MethodName): Promise<unknown>;

  on<K extends keyof EngineClientEvents>(event: K, listener: (...args: EngineClientEvents[K]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  async request<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
    // Checked as the real engine would, so a wrong param shape fails here too.
    methods[method].params.parse(params);
    this.calls.push({ method, params });
    return (await this.answer(method)) as MethodResult<M>;
  }

  methodsCalled(): string[] {
    return this.calls.map((c) => c.method);
  }

  count(method: MethodName): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  lastParams(method: MethodName): Record<string, unknown> {
    const call = [...this.calls].reverse().find((c) => c.method === method);
    assert.ok(call, `${method} was called`);
    return call.params as Record<string, unknown>;
  }
}

export const fakeDevice = (): Device => new Device({ handlerFactory: FakeHandler.createFactory(fakeParameters) });

/** A transport as the engine describes it, with a fresh id. */
export const fakeTransportParams = () => ({ ...fakeParameters.generateTransportRemoteParameters(), id: randomUUID() });

export const settle = (ms = 20): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
