/// <reference types="vite/client" />
// <bocal-terminal>: an xterm.js terminal on the kernel's console. Keystrokes
// go to the console's line discipline, everything the console prints is
// drawn, and the terminal's size (fit to the element's box) is the
// console's window size, so the shell the kernel's worker started there is
// used as on a Linux text console.
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
// xterm's own stylesheet, put in this element's shadow root (page styles do not reach it).
import xtermCss from '@xterm/xterm/css/xterm.css?inline';
import { proxy, type Remote } from 'comlink';
import { LitElement, css, html, unsafeCSS } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { KernelApi } from '../platform/browser/kernel-api.ts';
import { startKernelWorker, type KernelConnection } from '../platform/browser/kernel-client.ts';

const encoder = new TextEncoder();

@customElement('bocal-terminal')
export class BocalTerminal extends LitElement {
  static override styles = [
    unsafeCSS(xtermCss),
    css`
      :host {
        display: block;
        padding: 0 1rem 1rem;
        font-family: ui-monospace, monospace;
      }
      #screen {
        height: var(--bocal-terminal-height, 24rem);
        background: #000;
        padding: 4px;
      }
      #status.bad {
        color: #b00020;
      }
    `,
  ];

  /**
   * The kernel to attach to. Set it before the element is connected to
   * share a kernel; otherwise the element starts (and ends) its own.
   */
  kernel: Remote<KernelApi> | undefined;
  /** The xterm.js terminal, once rendered (tests read `terminal.buffer.active`). */
  terminal: Terminal | undefined;

  @state() private status = 'booting…';
  @state() private failed = false;
  private connection: KernelConnection | undefined;
  private fit: FitAddon | undefined;
  private resizeObserver: ResizeObserver | undefined;
  private listenerId: Promise<number> | undefined;
  /** Undoes what `attach` set up; cleared on disconnect. */
  private detachers: Array<() => void> = [];

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.kernel) {
      this.connection = startKernelWorker();
      this.kernel = this.connection.kernel;
    }
  }

  override firstUpdated(): void {
    this.attach();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const detach of this.detachers.splice(0)) detach();
    this.terminal = undefined;
    if (this.connection) {
      this.connection.close();
      this.connection = undefined;
      this.kernel = undefined;
    }
  }

  /** The visible screen as text, one string per row, trailing blanks removed. */
  screenLines(): string[] {
    const buffer = this.terminal?.buffer.active;
    if (!buffer || !this.terminal) return [];
    const lines: string[] = [];
    for (let row = 0; row < this.terminal.rows; row++) {
      lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
    }
    return lines;
  }

  override render() {
    return html`<div id="screen"></div>
      <p id="status" class=${this.failed ? 'bad' : ''}>${this.status}</p>`;
  }

  /** Opens xterm in #screen and connects it to the console once this element is rendered. */
  private attach(): void {
    const kernel = this.kernel;
    const screen = this.renderRoot.querySelector<HTMLElement>('#screen');
    if (!kernel || !screen || this.terminal) return;
    const terminal = new Terminal({ convertEol: false, cursorBlink: true, scrollback: 5000 });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(screen);
    this.terminal = terminal;
    this.fit = fit;
    const subscriptions = [
      // Keys as the terminal sends them; onBinary carries bytes (mouse reports) as code units.
      terminal.onData((data) => void kernel.consoleInput(encoder.encode(data))),
      terminal.onBinary(
        (data) => void kernel.consoleInput(Uint8Array.from(data, (c) => c.charCodeAt(0) & 0xff)),
      ),
      terminal.onResize(({ rows, cols }) => void kernel.consoleResize(rows, cols)),
    ];
    this.resizeObserver = new ResizeObserver(() => this.refit());
    this.resizeObserver.observe(screen);
    this.listenerId = kernel.consoleListen(proxy((bytes: Uint8Array) => terminal.write(bytes)));
    this.refit();
    void kernel.consoleResize(terminal.rows, terminal.cols);
    const listening = this.listenerId;
    this.detachers.push(() => {
      this.resizeObserver?.disconnect();
      for (const subscription of subscriptions) subscription.dispose();
      void listening.then((id) => kernel.consoleUnlisten(id)).catch(() => {});
      terminal.dispose();
    });
    void this.report(kernel);
  }

  /** Fits the terminal to its box: a change of rows or columns reaches the console through onResize. */
  private refit(): void {
    if (!this.fit || !this.isConnected) return;
    // A box with no size (hidden element) proposes nothing: keep the last size.
    if (this.fit.proposeDimensions()) this.fit.fit();
  }

  private async report(kernel: Remote<KernelApi>): Promise<void> {
    try {
      const system = await kernel.booted();
      const shell = system.shell.join(' ');
      this.status = `${shell} on the console; ${system.applets.length} commands in /bin`;
      this.terminal?.focus();
    } catch (error) {
      this.failed = true;
      this.status = `the system did not boot: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bocal-terminal': BocalTerminal;
  }
}
