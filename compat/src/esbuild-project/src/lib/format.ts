// Formatting helpers; `unused` must be dropped by tree shaking.
export interface Item {
  name: string;
  price: number;
  tags?: string[];
}

export enum Currency {
  EUR = "EUR",
  USD = "USD",
}

export function money(cents: number, currency: Currency = Currency.EUR): string {
  const whole = Math.floor(cents / 100);
  const frac = String(cents % 100).padStart(2, "0");
  return `${whole}.${frac} ${currency}`;
}

export const total = (items: readonly Item[]): number => items.reduce((sum, it) => sum + it.price, 0);

export function unused(): string {
  return "this function is not imported anywhere";
}
