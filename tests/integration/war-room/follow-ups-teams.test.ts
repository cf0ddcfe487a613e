import { teamsDriver } from "../../support/war-room-drivers.ts";
import { followUpSuite } from "./follow-ups.suite.ts";

followUpSuite(teamsDriver);
