import { h } from "./lib/jsx";
import App from "./App";
import type { Item } from "./lib/format";

const items: Item[] = [
  { name: "Tea <green>", price: 450, tags: ["sale"] },
  { name: "Cup", price: 1299 },
  { name: "Spoon & fork", price: 75 },
];

class Shop {
  #visits = 0;
  constructor(private readonly title: string) {}
  render(): string {
    this.#visits++;
    return <App title={`${this.title} (#${this.#visits})`} items={items} />;
  }
}

const html = new Shop("Corner shop").render();
console.log(html);
export { html };
