// PLACEHOLDER-PAGE: to be written.
export default function Emails() {
  return <p>Emails</p>;
}
