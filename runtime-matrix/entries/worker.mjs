// workerd: the scenario runs inside a request to this worker.
import { runMatrix } from "./bundle.mjs";

export default {
  async fetch(request) {
    return new Response(await runMatrix(await request.json()));
  },
};
