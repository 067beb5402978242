// PLACEHOLDER-PAGE: to be written.
export default function Forks() {
  return <p>Forks</p>;
}
