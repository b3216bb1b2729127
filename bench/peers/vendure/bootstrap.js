// Vendure peer for bench/http/run.sh: Vendure's own server (@vendure/core, default plugins none) on the same
// PostgreSQL, database md_bench_vendure (created by start.sh), schema built by TypeORM synchronize.
// The superadmin logs in with bearer tokens (authOptions.tokenMethod 'bearer'), the way an API client would.
const { bootstrap, DefaultLogger, LogLevel, dummyPaymentHandler } = require('@vendure/core');

const port = Number(process.env.VENDURE_PORT || 18091);
const config = {
  apiOptions: { port, adminApiPath: 'admin-api', shopApiPath: 'shop-api' },
  authOptions: {
    tokenMethod: 'bearer',
    superadminCredentials: { identifier: 'superadmin', password: 'superadmin' },
    requireVerification: false,
  },
  dbConnectionOptions: {
    type: 'postgres',
    host: '127.0.0.1',
    port: 5432,
    username: 'postgres',
    password: '',
    database: process.env.VENDURE_DB || 'md_bench_vendure',
    synchronize: true,
    logging: false,
  },
  paymentOptions: { paymentMethodHandlers: [dummyPaymentHandler] },
  logger: new DefaultLogger({ level: LogLevel.Warn }),
  plugins: [],
};

bootstrap(config)
  .then(() => console.log(`vendure ready on ${port}`))
  .catch(err => { console.error('vendure bootstrap failed:', err); process.exit(1); });
