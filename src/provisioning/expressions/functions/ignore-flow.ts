/**
 * Thrown by IgnoreFlowIfNullOrEmpty to drop the attribute from the flow wherever it is nested;
 * evaluateExpression turns it into IGNORE_FLOW. One instance: it carries no data.
 */
export class IgnoreFlowSignal extends Error {
  static readonly instance = new IgnoreFlowSignal();
  override readonly name = 'IgnoreFlowSignal';

  private constructor() {
    super('IgnoreFlowIfNullOrEmpty dropped the attribute from the flow');
  }
}
