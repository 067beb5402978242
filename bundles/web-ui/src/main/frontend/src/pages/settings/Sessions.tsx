// PLACEHOLDER-PAGE: to be written.
export default function Sessions() {
  return <p>Sessions</p>;
}
