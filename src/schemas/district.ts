import { z } from 'zod';

/** Kinds of county-level area, as named in Chinese administration. */
export const DISTRICT_KINDS = ['district', 'county', 'city', 'zone'] as const;

/** A place the paper reports on: content/districts/<id>.yml. */
export const districtSchema = () =>
  z.object({
    name: z.string().min(1, '请填写地名').describe('地名，例如"东昌府区""兖州区""开发区"'),
    city: z.string().min(1, '请填写所属城市').describe('所属地级市，例如"聊城市""济宁市"'),
    kind: z.enum(DISTRICT_KINDS).describe('类型：district 市辖区、county 县、city 县级市、zone 开发区或园区'),
  });
