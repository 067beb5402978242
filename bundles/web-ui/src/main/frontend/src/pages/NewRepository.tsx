// PLACEHOLDER-PAGE: to be written.
export default function NewRepository() {
  return <p>NewRepository</p>;
}
