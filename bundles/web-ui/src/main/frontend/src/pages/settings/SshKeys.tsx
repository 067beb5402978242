// PLACEHOLDER-PAGE: to be written.
export default function SshKeys() {
  return <p>SshKeys</p>;
}
