import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { TEXTS, formatDate, formatQuarter, pickLang, type WidgetLang } from './texts.js';

/** The answer of `GET /public/v1/services/:ozgId/authorities/:ars` (the public contract). */
export interface PublicStatus {
  service: { ozgId: string; name: string };
  authority: { ars: string; name: string; stateCode: string };
  status: 'LIVE' | 'PREPARING' | 'NOT_PLANNED';
  liveSince: string | null;
  applyUrl: string | null;
  plannedQuarter: string | null;
  updatedAt: string;
}

type View = { kind: 'idle' } | { kind: 'loading' } | { kind: 'missing' } | { kind: 'not-found' } | { kind: 'error' } | { kind: 'status'; data: PublicStatus };

/** Where the script was loaded from: the API that serves it also answers the status. */
const SCRIPT_ORIGIN = (() => {
  try {
    return new URL(import.meta.url).origin;
  } catch {
    return '';
  }
})();

const safeHref = (url: string | null): string | null => (url && /^https?:\/\//i.test(url) ? url : null);

/**
 * `<efa-rollout-status service="10255" authority-ars="073350000000" lang="de">`: whether an online
 * service is live at an authority, for municipal portals. Shadow DOM (no CSS in or out), themable
 * with `--efa-status-*` custom properties and `::part()`s, a polite live region.
 */
export class EfaRolloutStatus extends LitElement {
  static override properties = {
    service: { type: String },
    authorityArs: { type: String, attribute: 'authority-ars' },
    language: { type: String, attribute: 'lang' },
    apiBase: { type: String, attribute: 'api-base' },
    view: { state: true },
  };

  declare service: string;
  declare authorityArs: string;
  declare language: string | undefined;
  declare apiBase: string | undefined;
  declare view: View;
  private controller: AbortController | undefined;

  constructor() {
    super();
    this.service = '';
    this.authorityArs = '';
    this.view = { kind: 'idle' };
  }

  static override styles = css`
    :host {
      all: initial;
      display: block;
      box-sizing: border-box;
      font-family: var(--efa-status-font, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif);
      font-size: var(--efa-status-font-size, 1rem);
      line-height: 1.5;
      color: var(--efa-status-text, #1a1a1a);
    }
    :host([hidden]) {
      display: none;
    }
    *,
    *::before,
    *::after {
      box-sizing: border-box;
    }
    .box {
      margin: 0;
      padding: var(--efa-status-padding, 1rem 1.25rem);
      background: var(--efa-status-background, #ffffff);
      border: 1px solid var(--efa-status-border, #6b7280);
      border-left: 0.5rem solid var(--efa-status-state, var(--efa-status-border, #6b7280));
      border-radius: var(--efa-status-radius, 0.375rem);
    }
    .live {
      --efa-status-state: var(--efa-status-live, #1e6b35);
    }
    .preparing {
      --efa-status-state: var(--efa-status-preparing, #8a4600);
    }
    .not-planned {
      --efa-status-state: var(--efa-status-not-planned, #4b5563);
    }
    .error {
      --efa-status-state: var(--efa-status-error, #a4262c);
    }
    .service {
      margin: 0 0 0.5rem;
      font-size: 0.875em;
    }
    .badge {
      display: inline-block;
      margin: 0 0 0.5rem;
      padding: 0.125rem 0.625rem;
      border-radius: 999px;
      font-weight: 700;
      color: var(--efa-status-badge-text, #ffffff);
      background: var(--efa-status-state, #4b5563);
    }
    .message {
      margin: 0 0 0.5rem;
    }
    .message:last-child {
      margin-bottom: 0;
    }
    a,
    button {
      font: inherit;
      color: var(--efa-status-accent, #0b4f8a);
    }
    a.apply {
      display: inline-block;
      padding: 0.375rem 0.875rem;
      border-radius: var(--efa-status-radius, 0.375rem);
      background: var(--efa-status-accent, #0b4f8a);
      color: var(--efa-status-accent-text, #ffffff);
      font-weight: 700;
      text-decoration: underline;
    }
    a:focus-visible,
    button:focus-visible {
      outline: 3px solid var(--efa-status-focus, #1a1a1a);
      outline-offset: 2px;
    }
    button {
      cursor: pointer;
      padding: 0.25rem 0.75rem;
      background: transparent;
      border: 1px solid currentColor;
      border-radius: var(--efa-status-radius, 0.375rem);
    }
    .sr-only {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
  `;

  private get lang2(): WidgetLang {
    return pickLang(this.language || this.parentElement?.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang);
  }

  private get base(): string {
    return (this.apiBase || SCRIPT_ORIGIN || location.origin).replace(/\/+$/, '');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.controller?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('service') || changed.has('authorityArs') || changed.has('apiBase')) void this.load();
  }

  /** Fetches the status again (also the error state's "try again" button). */
  async load(): Promise<void> {
    this.controller?.abort();
    if (!this.service || !this.authorityArs) {
      this.view = { kind: 'missing' };
      return;
    }
    const controller = new AbortController();
    this.controller = controller;
    this.view = { kind: 'loading' };
    const url = `${this.base}/public/v1/services/${encodeURIComponent(this.service)}/authorities/${encodeURIComponent(this.authorityArs)}`;
    try {
      const res = await fetch(url, { signal: controller.signal, headers: { accept: 'application/json' } });
      if (controller.signal.aborted) return;
      if (res.status === 404 || res.status === 400) this.view = { kind: 'not-found' };
      else if (!res.ok) this.view = { kind: 'error' };
      else this.view = { kind: 'status', data: (await res.json()) as PublicStatus };
    } catch {
      if (!controller.signal.aborted) this.view = { kind: 'error' };
    }
    if (!controller.signal.aborted) this.dispatchEvent(new CustomEvent('efa-status', { detail: { state: this.view.kind === 'status' ? this.view.data.status : this.view.kind }, bubbles: true, composed: true }));
  }

  protected override render(): TemplateResult {
    const lang = this.lang2;
    const t = TEXTS[lang];
    const v = this.view;
    let cls = 'not-planned';
    let state = 'loading';
    let body: TemplateResult;
    if (v.kind === 'status') {
      const d = v.data;
      const authority = d.authority.name;
      const href = safeHref(d.applyUrl);
      state = d.status.toLowerCase().replace('_', '-');
      cls = state;
      const heading = html`<p class="service" part="service"><span class="sr-only">${t.service}: </span>${d.service.name}</p>`;
      if (d.status === 'LIVE') {
        body = html`${heading}<p class="badge" part="badge">✓ ${t.live}</p>
          <p class="message" part="message">${t.liveMessage(authority, formatDate(d.liveSince, lang))}</p>
          ${href ? html`<p class="message"><a class="apply" part="apply-link" href=${href} target="_blank" rel="noopener">${t.apply}<span class="sr-only"> ${t.applyHint}</span></a></p>` : nothing}`;
      } else if (d.status === 'PREPARING') {
        body = html`${heading}<p class="badge" part="badge">◔ ${t.preparing}</p>
          <p class="message" part="message">${t.preparingMessage(authority)}</p>
          ${d.plannedQuarter ? html`<p class="message" part="planned">${t.planned(formatQuarter(d.plannedQuarter, lang))}</p>` : nothing}`;
      } else {
        body = html`${heading}<p class="badge" part="badge">– ${t.notPlanned}</p>
          <p class="message" part="message">${t.notPlannedMessage(authority)}</p>`;
      }
    } else if (v.kind === 'not-found' || v.kind === 'missing') {
      state = v.kind;
      cls = 'error';
      body = html`<p class="badge" part="badge">! ${t.notFound}</p>
        <p class="message" part="message">${v.kind === 'missing' ? t.missing : t.notFoundMessage}</p>`;
    } else if (v.kind === 'error') {
      state = 'error';
      cls = 'error';
      body = html`<p class="badge" part="badge">! ${t.error}</p>
        <p class="message" part="message">${t.errorMessage}</p>
        <button type="button" part="retry" @click=${() => void this.load()}>${t.retry}</button>`;
    } else {
      body = html`<p class="message" part="message">${t.loading}</p>`;
    }
    return html`<div class="box ${cls}" part="container" role="status" aria-live="polite" aria-busy=${v.kind === 'loading' || v.kind === 'idle' ? 'true' : 'false'} lang=${lang} data-state=${state}>${body}</div>`;
  }
}

if (!customElements.get('efa-rollout-status')) customElements.define('efa-rollout-status', EfaRolloutStatus);

declare global {
  interface HTMLElementTagNameMap {
    'efa-rollout-status': EfaRolloutStatus;
  }
}
