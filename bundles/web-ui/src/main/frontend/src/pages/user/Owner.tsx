// PLACEHOLDER-PAGE: to be written.
export default function Owner() {
  return <p>Owner</p>;
}
