// The status bar item; statusView decides what it says. A click opens the menu (twelveFactor.showMenu).
import { StatusBarAlignment, ThemeColor, window, type StatusBarItem } from 'vscode';
import { statusView, type StatusInput } from './status-view';

export const MENU_COMMAND = 'twelveFactor.showMenu';

export class StatusItem {
  readonly item: StatusBarItem;
  private input: StatusInput = { client: 'starting', disabled: false };

  constructor() {
    this.item = window.createStatusBarItem('twelveFactor.status', StatusBarAlignment.Right, 0);
    this.item.name = 'Twelve-Factor Lint';
    this.item.command = MENU_COMMAND;
    this.render();
    this.item.show();
  }

  get current(): StatusInput {
    return this.input;
  }

  update(change: Partial<StatusInput>): void {
    this.input = { ...this.input, ...change };
    this.render();
  }

  private render(): void {
    const view = statusView(this.input);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.backgroundColor = view.background ? new ThemeColor(view.background) : undefined;
    this.item.accessibilityInformation = { label: view.tooltip };
  }

  dispose(): void {
    this.item.dispose();
  }
}
