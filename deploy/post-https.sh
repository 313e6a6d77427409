#!/bin/sh
# A certificate for a border post that serves its LAN over HTTPS, so officers' browsers may save
# courses for offline use (service workers need HTTPS or localhost). README: "Offline saving in
# the browser". Makes, in DIR:
#   ca.pem, ca.key       a local certificate authority for this post (made once, kept: every
#                        phone and PC of the training room trusts ca.pem once)
#   server.pem, server.key  the post's certificate for ADDRESS (an IP or a host name, several
#                        allowed), signed by that CA; made again on every run (825 days)
# Then: gunicorn ... --certfile DIR/server.pem --keyfile DIR/server.key, and DJANGO_HTTPS=1.
#
#   deploy/post-https.sh DIR ADDRESS [ADDRESS...]
set -eu
if [ "$#" -lt 2 ]; then
  echo "usage: $0 DIR ADDRESS [ADDRESS...]  (e.g. $0 /srv/elearning/tls 192.168.1.10)" >&2
  exit 2
fi
dir=$1
shift
mkdir -p "$dir"
umask 077
if [ ! -s "$dir/ca.key" ] || [ ! -s "$dir/ca.pem" ]; then
  openssl req -x509 -newkey rsa:3072 -sha256 -nodes -days 3650 \
    -keyout "$dir/ca.key" -out "$dir/ca.pem" \
    -subj "/CN=E-Learning post CA $(hostname)" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
fi
names=""
for address in "$@"; do
  case "$address" in
    *[!0-9.]*) names="$names,DNS:$address" ;;
    *) names="$names,IP:$address" ;;
  esac
done
names=${names#,}
extensions=$(mktemp)
trap 'rm -f "$extensions" "$dir/server.csr"' EXIT
printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=%s\n' "$names" >"$extensions"
openssl req -newkey rsa:2048 -sha256 -nodes -keyout "$dir/server.key" -out "$dir/server.csr" \
  -subj "/CN=$1" 2>/dev/null
openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" \
  -CAcreateserial -days 825 -sha256 -extfile "$extensions" -out "$dir/server.pem" 2>/dev/null
chmod 644 "$dir/ca.pem" "$dir/server.pem"
echo "CA (install on each device once): $dir/ca.pem"
echo "gunicorn ... --certfile $dir/server.pem --keyfile $dir/server.key   (and DJANGO_HTTPS=1)"
