// PLACEHOLDER-PAGE: to be written.
export default function Settings() {
  return <p>Settings</p>;
}
