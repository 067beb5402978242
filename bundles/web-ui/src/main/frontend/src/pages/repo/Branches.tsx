// PLACEHOLDER-PAGE: to be written.
export default function Branches() {
  return <p>Branches</p>;
}
