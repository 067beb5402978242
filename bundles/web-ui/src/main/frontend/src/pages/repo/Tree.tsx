// PLACEHOLDER-PAGE: to be written.
export default function Tree() {
  return <p>Tree</p>;
}
