/** Types for the part of ml-logistic-regression (mljs, untyped) that the weight fit uses. */
declare module "ml-logistic-regression/src/logreg_2classes.js" {
  import type { Matrix } from "ml-matrix";

  /** Binary logistic regression fitted by batch gradient ascent, without an intercept column. */
  export default class LogisticRegressionTwoClasses {
    constructor(options?: { numSteps?: number; learningRate?: number });
    /** Fits the weights on `features` (rows) against 0/1 `target` (a column vector). */
    train(features: Matrix, target: Matrix): void;
    /** The fitted weights, one row. */
    weights: Matrix;
  }
}
