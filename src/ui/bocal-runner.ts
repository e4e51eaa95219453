/// <reference types="vite/client" />
// <bocal-runner>: the playground's smoke test of the kernel in the browser.
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ProgramResult } from '../platform/browser/kernel-api.ts';
import { startKernelWorker, type KernelConnection } from '../platform/browser/kernel-client.ts';
// Vite serves the built C program in development and copies it into dist/ on build.
import helloUrl from '../../build/wasm/hello.wasm?url';

/** argv and environment of the smoke run; hello prints both back. */
const helloArgv = ['hello', 'from', 'the page'];
const helloEnv = ['WHO=a web page'];

/**
 * Boots the kernel in its own worker and runs hello.wasm on it as a
 * process, showing what the program printed and how it exited: the
 * smallest proof that the whole stack works in this browser.
 */
@customElement('bocal-runner')
export class BocalRunner extends LitElement {
  static override styles = css`
    :host {
      display: block;
      font-family: ui-monospace, monospace;
      padding: 0 1rem 1rem;
    }
    pre {
      background: #f4f4f4;
      padding: 0.5rem;
      min-height: 1.5em;
      white-space: pre-wrap;
    }
    .stderr,
    .bad {
      color: #b00020;
    }
  `;

  @state() private result: ProgramResult | undefined;
  @state() private error: string | undefined;
  @state() private running = false;
  private connection: KernelConnection | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.connection = startKernelWorker();
    void this.run();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.connection?.close();
    this.connection = undefined;
  }

  /** Runs hello.wasm once more on the same kernel. */
  async run(): Promise<void> {
    const kernel = this.connection?.kernel;
    if (!kernel || this.running) return;
    this.running = true;
    this.error = undefined;
    try {
      const url = new URL(helloUrl, location.href).href;
      this.result = await kernel.runProgram({ program: { url }, argv: helloArgv, env: helloEnv });
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.running = false;
    }
  }

  override render() {
    const r = this.result;
    return html`<h2>$ ${helloArgv.join(' ')}</h2>
      <pre id="stdout">${r?.stdout ?? ''}</pre>
      ${r?.stderr ? html`<pre id="stderr" class="stderr">${r.stderr}</pre>` : ''}
      <p id="status" class=${this.error ? 'bad' : ''}>
        ${
          this.error
            ? `failed: ${this.error}`
            : this.running || !r
              ? 'running…'
              : `exit status ${r.status}`
        }
      </p>
      <button @click=${() => void this.run()} ?disabled=${this.running}>Run again</button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bocal-runner': BocalRunner;
  }
}
