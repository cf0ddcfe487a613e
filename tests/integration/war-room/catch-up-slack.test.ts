import { slackDriver } from "../../support/war-room-drivers.ts";
import { catchUpSuite } from "./catch-up.suite.ts";

catchUpSuite(slackDriver);
