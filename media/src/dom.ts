// Building DOM nodes: one helper, so that no module writes HTML strings.
type Props<T> = Partial<Omit<T, 'dataset' | 'style'>> & { dataset?: Record<string, string> };

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props<HTMLElementTagNameMap[K]> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  const { dataset, ...rest } = props;
  Object.assign(node, rest);
  if (dataset) for (const [k, v] of Object.entries(dataset)) node.dataset[k] = v;
  for (const child of children) node.append(child);
  return node;
}

/** A button that runs commands: enabled in a trusted workspace, else disabled with the reason as its title. */
export function setRunnable(button: HTMLButtonElement, trusted: boolean, title: string, untrustedTitle: string): void {
  button.disabled = !trusted;
  button.title = trusted ? title : untrustedTitle;
  if (trusted) button.removeAttribute('aria-disabled');
  else button.setAttribute('aria-disabled', 'true');
}

export function icon(name: string): HTMLElement {
  return el('span', { className: `codicon codicon-${name}`, ariaHidden: 'true' });
}

/** A link that runs `action` instead of navigating. */
export function actionLink(props: Props<HTMLAnchorElement>, action: () => void, ...children: Array<Node | string>): HTMLAnchorElement {
  return el('a', { href: '#', ...props, onclick: (e) => { e.preventDefault(); action(); } }, ...children);
}
