/** Re-render a Lit host when the interface language changes. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { onLangChange } from './i18n.ts';

export class LangController implements ReactiveController {
  private off: (() => void) | null = null;
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  hostConnected(): void {
    this.off = onLangChange(() => this.host.requestUpdate());
  }
  hostDisconnected(): void {
    this.off?.();
    this.off = null;
  }
}
