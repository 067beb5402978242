// PLACEHOLDER-PAGE: to be written.
export default function Blob() {
  return <p>Blob</p>;
}
