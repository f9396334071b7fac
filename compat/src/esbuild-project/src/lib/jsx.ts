// A tiny JSX runtime: elements become HTML strings.
export type Child = string | number | boolean | null | undefined | Child[];
export type Props = Record<string, unknown> | null;

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const escape = (s: string): string => s.replace(/[&<>"]/g, (c) => escapes[c]);

function flatten(children: Child[]): string {
  return children
    .map((c) => (Array.isArray(c) ? flatten(c) : c === null || c === undefined || c === false ? "" : String(c)))
    .join("");
}

export function Fragment(props: { children: Child[] }): string {
  return flatten(props.children);
}

export function h(tag: string | ((p: any) => string), props: Props, ...children: Child[]): string {
  if (typeof tag === "function") return tag({ ...(props ?? {}), children });
  const attrs = Object.entries(props ?? {})
    .map(([k, v]) => ` ${k === "className" ? "class" : k}="${escape(String(v))}"`)
    .join("");
  return `<${tag}${attrs}>${flatten(children)}</${tag}>`;
}
