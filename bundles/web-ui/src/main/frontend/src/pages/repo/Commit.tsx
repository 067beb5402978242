// PLACEHOLDER-PAGE: to be written.
export default function Commit() {
  return <p>Commit</p>;
}
