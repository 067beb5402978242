// PLACEHOLDER-PAGE: to be written.
export default function Tags() {
  return <p>Tags</p>;
}
