// A real, certified OpenID provider (node-oidc-provider) for the single sign-on tests, with its
// built-in development login form standing in for the council's. Started by the fixture in
// tests/integration/auth/conftest.py:
//   node tests/oidc/provider.mjs <client id> <client secret> <redirect uri> [claims-in-id-token]
// By default, as the specification has it, the ID token carries only the subject and the email
// address is given at the UserInfo endpoint; `claims-in-id-token` puts it in the ID token too,
// as Entra ID and Google do.
// It listens on a free port of 127.0.0.1 and prints its issuer URL on one line when ready.
import http from 'node:http';

import Provider from 'oidc-provider';

const [clientId, clientSecret, redirectUri, option] = process.argv.slice(2);

// Fictional people at the council. The login name typed into the form is the account's id and
// its subject (`sub`).
const ACCOUNTS = {
  'jo.bloggs': { email: 'jo.bloggs@council.example', email_verified: true },
  'sam.unconfirmed': { email: 'sam.unconfirmed@council.example', email_verified: false },
};

async function findAccount(ctx, id) {
  const account = ACCOUNTS[id];
  if (!account) return undefined;
  return { accountId: id, claims: async () => ({ sub: id, ...account }) };
}

// The council's own applications are approved for everyone in advance: no consent screen.
async function loadExistingGrant(ctx) {
  const grant = new ctx.oidc.provider.Grant({
    clientId: ctx.oidc.client.clientId,
    accountId: ctx.oidc.session.accountId,
  });
  grant.addOIDCScope('openid email');
  await grant.save();
  return grant;
}

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
    }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    cookies: { keys: ['tests only'] },
    pkce: { required: () => true },
    conformIdTokenClaims: option !== 'claims-in-id-token',
    findAccount,
    loadExistingGrant,
  });
  server.on('request', provider.callback());
  console.log(issuer);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
