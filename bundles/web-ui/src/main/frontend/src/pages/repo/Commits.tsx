// PLACEHOLDER-PAGE: to be written.
export default function Commits() {
  return <p>Commits</p>;
}
