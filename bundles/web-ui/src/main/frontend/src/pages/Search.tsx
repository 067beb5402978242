// PLACEHOLDER-PAGE: to be written.
export default function Search() {
  return <p>Search</p>;
}
