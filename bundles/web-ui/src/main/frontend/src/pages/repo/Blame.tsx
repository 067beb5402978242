// PLACEHOLDER-PAGE: to be written.
export default function Blame() {
  return <p>Blame</p>;
}
