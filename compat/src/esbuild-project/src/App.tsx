import clsx from "clsx";
import { h, Fragment } from "./lib/jsx";
import { Item, money, total, Currency } from "./lib/format";

function Row({ item }: { item: Item }) {
  const sale = item.tags?.includes("sale");
  return (
    <li className={clsx("item", { sale, regular: !sale })}>
      {item.name}: {money(item.price)}
    </li>
  );
}

export default function App({ title, items }: { title: string; items: Item[] }) {
  return (
    <>
      <h1>{title}</h1>
      <ul>{items.map((item) => <Row item={item} />)}</ul>
      <p>Total: {money(total(items), Currency.USD)}</p>
    </>
  );
}
