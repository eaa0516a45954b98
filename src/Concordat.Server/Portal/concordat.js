// Starts GOV.UK Frontend's components once the module has loaded. Served from /assets with the package's files.
import { initAll } from './govuk-frontend.min.js'
initAll()
