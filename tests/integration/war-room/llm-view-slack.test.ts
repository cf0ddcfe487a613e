import { slackDriver } from "../../support/war-room-drivers.ts";
import { llmViewSuite } from "./llm-view.suite.ts";

llmViewSuite(slackDriver);
