#!/usr/bin/env bash
# azd hook (postprovision and postdeploy, see azure.yaml); also safe to run by hand after `azd provision`.
# 1. Creates the callback signing secret in Key Vault when it does not exist yet (never replaces one: receivers of
#    signed callbacks hold the current key).
# 2. Subscribes the blob extension's Event Grid webhook to BlobCreated events of the input container. The webhook URL
#    carries the blobs_extension system key, which exists only once the deployed app has started its blob trigger, so
#    before the first deployment this step is skipped and the postdeploy run does it.
# Needs the Azure CLI, signed in (`az login`) as the principal azd provisioned with (it holds Key Vault Secrets Officer).
# Reads the azd environment (outputs of infra/main.bicep); prints no secret.
set -euo pipefail

command -v az >/dev/null 2>&1 || { echo "postprovision: the Azure CLI (az) is required: https://aka.ms/azure-cli" >&2; exit 1; }

# azd exports its environment to hooks; when run by hand, read it from azd.
if [ -z "${AZURE_FUNCTION_APP_NAME:-}" ] && command -v azd >/dev/null 2>&1; then
  eval "$(azd env get-values)"
fi
for name in AZURE_RESOURCE_GROUP AZURE_FUNCTION_APP_NAME AZURE_KEY_VAULT_NAME EVENT_GRID_SYSTEM_TOPIC_NAME \
            INPUT_CONTAINER_NAME CALLBACK_SIGNING_SECRET_NAME BLOB_TRIGGER_FUNCTION_NAME; do
  [ -n "${!name:-}" ] || { echo "postprovision: $name is not set; run \`azd provision\` first" >&2; exit 1; }
done

# --- 1. callback signing secret ----------------------------------------------------------------------------------
# Role assignments can take a few minutes to reach Key Vault after provisioning: retry reads while access is denied.
exists=""
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  if exists="$(az keyvault secret list --vault-name "$AZURE_KEY_VAULT_NAME" \
      --query "length([?name=='$CALLBACK_SIGNING_SECRET_NAME'])" -o tsv 2>/dev/null)"; then
    break
  fi
  exists=""
  [ "$attempt" -lt 10 ] || break
  echo "postprovision: waiting for access to Key Vault $AZURE_KEY_VAULT_NAME (role assignments propagate)..."
  sleep 15
done
if [ -z "$exists" ]; then
  echo "postprovision: cannot list secrets in $AZURE_KEY_VAULT_NAME. The signed-in principal needs Key Vault Secrets" \
       "Officer on it (azd grants it to AZURE_PRINCIPAL_ID)." >&2
  exit 1
fi
if [ "$exists" = "0" ]; then
  secret_file="$(umask 077 && mktemp)"
  trap 'rm -f "$secret_file"' EXIT
  # A Standard Webhooks secret, whsec_ + base64 of 32 random bytes: the value never appears on a command line or in the output.
  if command -v openssl >/dev/null 2>&1; then
    { printf 'whsec_'; openssl rand -base64 32 | tr -d '\n'; } >"$secret_file"
  else
    { printf 'whsec_'; head -c 32 /dev/urandom | base64 | tr -d '\n'; } >"$secret_file"
  fi
  az keyvault secret set --vault-name "$AZURE_KEY_VAULT_NAME" --name "$CALLBACK_SIGNING_SECRET_NAME" \
    --file "$secret_file" --encoding utf-8 --content-type "text/plain" -o none
  rm -f "$secret_file"
  echo "postprovision: created secret $CALLBACK_SIGNING_SECRET_NAME in $AZURE_KEY_VAULT_NAME"
else
  # Secrets made before callbacks followed Standard Webhooks lack the whsec_ prefix, and the app refuses them at start.
  # Checked inside Key Vault's query, so the value never reaches this shell; not replaced, since receivers hold it.
  standard="$(az keyvault secret show --vault-name "$AZURE_KEY_VAULT_NAME" --name "$CALLBACK_SIGNING_SECRET_NAME" \
    --query "starts_with(value, 'whsec_')" -o tsv 2>/dev/null || true)"
  if [ "$standard" = "false" ]; then
    echo "postprovision: secret $CALLBACK_SIGNING_SECRET_NAME in $AZURE_KEY_VAULT_NAME is not a Standard Webhooks secret" \
         "(whsec_...), so the app will not start: rotate it as docs/callbacks.md describes (new secret, old one as" \
         "Callbacks__PreviousSigningSecret until the receivers have the new one)." >&2
    exit 1
  fi
  echo "postprovision: secret $CALLBACK_SIGNING_SECRET_NAME already exists in $AZURE_KEY_VAULT_NAME (kept)"
fi

# --- 2. Event Grid subscription for blob uploads ------------------------------------------------------------------
blobs_key="$(az functionapp keys list -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" \
  --query "systemKeys.blobs_extension" -o tsv 2>/dev/null || true)"
if [ -z "$blobs_key" ]; then
  echo "postprovision: $AZURE_FUNCTION_APP_NAME has no blobs_extension key yet (code not deployed); the Event Grid" \
       "subscription is created by the postdeploy hook (or run this script again after \`azd deploy\`)."
  exit 0
fi

subscription_name="${INPUT_CONTAINER_NAME}-blob-created"
endpoint="https://${AZURE_FUNCTION_APP_NAME}.azurewebsites.net/runtime/webhooks/blobs?functionName=Host.Functions.${BLOB_TRIGGER_FUNCTION_NAME}&code=${blobs_key}"
# create is create-or-update: running it again refreshes the endpoint (for example after the key was rotated).
# Event Grid validates the endpoint with a handshake that the blob extension answers only for an existing function.
if ! az eventgrid system-topic event-subscription create \
    --name "$subscription_name" \
    --resource-group "$AZURE_RESOURCE_GROUP" \
    --system-topic-name "$EVENT_GRID_SYSTEM_TOPIC_NAME" \
    --endpoint-type webhook \
    --endpoint "$endpoint" \
    --included-event-types Microsoft.Storage.BlobCreated \
    --subject-begins-with "/blobServices/default/containers/${INPUT_CONTAINER_NAME}/" \
    --max-delivery-attempts 30 \
    --event-ttl 1440 \
    -o none; then
  echo "postprovision: creating the Event Grid subscription failed. Check that the deployed app defines the function" \
       "$BLOB_TRIGGER_FUNCTION_NAME with BlobTriggerSource.EventGrid (the webhook validation needs it)." >&2
  exit 1
fi
echo "postprovision: blob uploads to container $INPUT_CONTAINER_NAME now start generations via $BLOB_TRIGGER_FUNCTION_NAME"
