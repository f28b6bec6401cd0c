import { PAGES } from "@/lib/auth/pages";
import { pageLayout } from "@/lib/auth/with-permission";

// The segment's permission, checked before anything streams (see pageLayout).
export default pageLayout(PAGES.compliance);
