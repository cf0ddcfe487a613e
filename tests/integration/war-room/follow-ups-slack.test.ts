import { slackDriver } from "../../support/war-room-drivers.ts";
import { followUpSuite } from "./follow-ups.suite.ts";

followUpSuite(slackDriver);
