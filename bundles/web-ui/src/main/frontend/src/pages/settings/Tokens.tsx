// PLACEHOLDER-PAGE: to be written.
export default function Tokens() {
  return <p>Tokens</p>;
}
