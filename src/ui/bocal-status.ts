import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { probeIsolation, type IsolationReport } from '../platform/browser/isolation.ts';

/**
 * Shows whether the page can run the kernel: processes need
 * SharedArrayBuffer, which browsers only give to cross-origin isolated pages.
 */
@customElement('bocal-status')
export class BocalStatus extends LitElement {
  static override styles = css`
    :host {
      display: block;
      font-family: ui-monospace, monospace;
      padding: 1rem;
    }
    .bad {
      color: #b00020;
    }
  `;

  @state() private report: IsolationReport | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void probeIsolation().then((report) => (this.report = report));
  }

  override render() {
    const r = this.report;
    return html`<h1>bocal</h1>
      <p>Linux-style containers running in this page.</p>
      <p id="isolated" class=${self.crossOriginIsolated ? '' : 'bad'}>
        crossOriginIsolated: ${String(self.crossOriginIsolated)}
      </p>
      <p id="worker">
        SharedArrayBuffer shared with a worker:
        ${r === undefined ? 'checking…' : r.sharedWithWorker ? 'yes' : `no (${r.error})`}
      </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'bocal-status': BocalStatus;
  }
}
